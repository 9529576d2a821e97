// A one-line progress bar for terminals; on a pipe or file it prints a line every 10 %.
export function progressBar(stream: NodeJS.WriteStream, total: number, width = 30) {
  let lastDecile = -1;
  const render = (done: number, bytes: number) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * width);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} takes, ${(bytes / 1e6).toFixed(1)} MB`;
  };
  return {
    update(done: number, bytes: number) {
      if (stream.isTTY) {
        stream.write(`\r${render(done, bytes)}`);
        return;
      }
      const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${render(done, bytes)}\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
