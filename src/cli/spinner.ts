// A one-line spinner on stderr for slow steps (PDF printing), shown only on an interactive terminal
// and never in CI logs or pipes; colour follows picocolors (NO_COLOR honoured).
import { inCI } from '../util/ci.js';
import { pc } from '../util/colors.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Run `work` with a spinner labelled `label` while it lasts; the line is cleared afterwards. */
export async function withSpinner<T>(label: string, work: () => Promise<T>, stream: NodeJS.WriteStream = process.stderr): Promise<T> {
  if (!stream.isTTY || inCI()) return work();
  let frame = 0;
  const draw = () => stream.write(`\r${pc.cyan(FRAMES[frame++ % FRAMES.length]!)} ${label}`);
  draw();
  const timer = setInterval(draw, 80);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    stream.write('\r\x1b[2K');
  }
}
