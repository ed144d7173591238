/** Debian's chromium (`apt-get install -y chromium`); playwright never downloads a browser here. */
export const chromiumPath = process.env.WEFT_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without the background-networking flags chromium keeps calling home, which floods a closed network. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
