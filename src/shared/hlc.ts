/**
 * Hybrid logical clock (ARCHITECTURE.md, sync protocol). A timestamp is a fixed-width string
 * `<wall ms, 15 digits>:<counter, 5 base-36 digits>:<node id>` so that plain string comparison orders
 * timestamps, and the node id breaks ties between two nodes with the same wall time and counter.
 */
export interface HlcTimestamp {
  wall: number;
  counter: number;
  node: string;
}

const WALL_WIDTH = 15;
const COUNTER_WIDTH = 5;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;

export function formatHlc(ts: HlcTimestamp): string {
  return `${String(ts.wall).padStart(WALL_WIDTH, '0')}:${ts.counter
    .toString(36)
    .padStart(COUNTER_WIDTH, '0')}:${ts.node}`;
}

export function parseHlc(text: string): HlcTimestamp {
  const [wall, counter, ...node] = text.split(':');
  const ts = { wall: Number(wall), counter: parseInt(counter ?? '', 36), node: node.join(':') };
  if (!Number.isSafeInteger(ts.wall) || !Number.isSafeInteger(ts.counter) || ts.node === '') {
    throw new Error(`not an HLC timestamp: ${text}`);
  }
  return ts;
}

/** A clock for one node. `now` is injectable so tests can simulate skewed or frozen clocks. */
export class HybridClock {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A timestamp for a local event, later than every timestamp this clock has issued or seen. */
  tick(): string {
    const physical = this.now();
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else {
      this.bump();
    }
    return formatHlc({ wall: this.wall, counter: this.counter, node: this.node });
  }

  /** Merges a remote timestamp so that later local events sort after it. */
  receive(remote: string): void {
    const r = parseHlc(remote);
    const physical = this.now();
    const wall = Math.max(physical, this.wall, r.wall);
    if (wall === this.wall && wall === r.wall) this.counter = Math.max(this.counter, r.counter) + 1;
    else if (wall === this.wall) this.counter += 1;
    else if (wall === r.wall) this.counter = r.counter + 1;
    else this.counter = 0;
    this.wall = wall;
    if (this.counter > MAX_COUNTER) throw new Error('HLC counter overflow');
  }

  private bump(): void {
    this.counter += 1;
    if (this.counter > MAX_COUNTER) {
      this.wall += 1;
      this.counter = 0;
    }
  }
}
