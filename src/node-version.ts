// Imported first by the server: on a Node.js older than Hearth's dependencies need, say so plainly
// and stop, instead of failing later with an error about some library.
export const minimumNode = '20.19.0';

/** What is wrong with this Node.js version, or null when it will do. */
export function nodeVersionProblem(version: string, minimum = minimumNode): string | null {
  const have = version.replace(/^v/, '').split('.').map(Number);
  const need = minimum.split('.').map(Number);
  for (let i = 0; i < need.length; i++) {
    if ((have[i] ?? 0) > need[i]) return null;
    if ((have[i] ?? 0) < need[i])
      return `Hearth needs Node.js ${minimum} or later; this is ${version}. Install a newer Node.js (for example the current LTS) and try again.`;
  }
  return null;
}

const problem = nodeVersionProblem(process.version);
if (problem) {
  console.error(problem);
  process.exit(1);
}
