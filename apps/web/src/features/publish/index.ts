export { PublishButton } from './components/publish-button';
export { VersionHistory, RestoreButton } from './components/version-history';
export { VersionViewBanner } from './components/version-view-banner';
export { readPublishProblems } from './model/publish-problems';
