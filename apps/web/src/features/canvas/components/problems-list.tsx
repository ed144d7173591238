'use client';
import { useEditorActions, useEditorState } from '../store/editor-context';
import type { EditorState } from '../store/editor-state';

const selectProblems = (state: EditorState) => state.problems;
/** The nodes only while there are problems to title: otherwise every drag frame would re-render the list. */
const selectTitles = (state: EditorState) => (state.problems.length === 0 ? undefined : state.nodes);

/** Compile problems from the last save or publish; clicking one selects its node and focuses the field. */
export function ProblemsList() {
  const problems = useEditorState(selectProblems);
  const nodes = useEditorState(selectTitles);
  const actions = useEditorActions();
  if (problems.length === 0 || nodes === undefined) return null;
  const titleOf = (nodeId: string | undefined) => nodes.find((node) => node.id === nodeId)?.data.title ?? nodeId;
  return (
    <section className="flex max-h-48 flex-col gap-1 overflow-auto border-t border-red-200 bg-red-50 p-2" data-testid="problems-list">
      <h2 className="text-xs font-semibold text-red-800">
        {problems.length} problem{problems.length === 1 ? '' : 's'} — publish is blocked until they are fixed
      </h2>
      <ul className="flex flex-col gap-1">
        {problems.map((problem, index) => (
          <li key={`${problem.code}-${problem.nodeId ?? ''}-${index}`}>
            <button
              type="button"
              data-testid="problem-item"
              data-node-id={problem.nodeId}
              data-code={problem.code}
              disabled={problem.nodeId === undefined}
              onClick={() => actions.focusProblem(problem)}
              className="w-full rounded px-2 py-1 text-left text-xs text-red-900 hover:bg-red-100"
            >
              {problem.nodeId !== undefined ? <span className="font-semibold">{titleOf(problem.nodeId)}: </span> : null}
              {problem.message}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
