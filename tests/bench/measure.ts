import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, readlinkSync } from "node:fs";

// What the benchmarks measure about the running app and their own samples: percentiles, and the
// app server's memory read from /proc (found by the port it listens on).

/** The q-quantile (0..1) of an ascending array, nearest-rank; NaN when empty. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The TCP sockets (IPv4 and IPv6) listed in `<dir>/tcp` and `<dir>/tcp6`, each row split into columns. */
function tcpSockets(dir: string): string[][] {
  const rows: string[][] = [];
  for (const file of [`${dir}/tcp`, `${dir}/tcp6`]) {
    let lines: string[];
    try {
      lines = readFileSync(file, "utf8").split("\n").slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      if (cols.length >= 10) rows.push(cols);
    }
  }
  return rows;
}

/** The process listening on `port` (a socket inode in /proc/net/tcp*, then whose fd it is). */
export function listenerPid(port: number): number | null {
  const inodes = new Set<string>();
  for (const cols of tcpSockets("/proc/net")) {
    if (cols[3] !== "0A") continue; // LISTEN
    if (parseInt(cols[1]!.split(":")[1]!, 16) === port) inodes.add(cols[9]!);
  }
  if (inodes.size === 0) return null;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(entry);
      } catch {
        // gone, or not ours to read
      }
    }
  }
  return null;
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
export function memoryOf(pid: number | null): { rssMb: number; hwmMb: number } | null {
  if (pid === null) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

// ───────────────────────────── CPU time from /proc ─────────────────────────────

let ticksPerSecond: number | null = null;

/** The kernel's clock ticks per second (`getconf CLK_TCK`, 100 on Linux nearly everywhere). */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU time (user + system, every thread) a process has used so far, in ms; null when it is gone. */
export function cpuMsOf(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The name (field 2) is in parentheses and may hold spaces: count fields after its ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicksPerSecond() : null;
  } catch {
    return null;
  }
}

/** Local ports of the process's TCP connections to `remotePort` (its database connections). */
export function connectionPortsOf(pid: number, remotePort: number): Set<number> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    return new Set();
  }
  const ports = new Set<number>();
  for (const cols of tcpSockets(`/proc/${pid}/net`)) {
    if (!inodes.has(cols[9]!)) continue;
    if (parseInt(cols[2]!.split(":").at(-1)!, 16) === remotePort) ports.add(parseInt(cols[1]!.split(":").at(-1)!, 16));
  }
  return ports;
}

/** An environment variable of another process (ours to read: same user or root), or null. */
export function environmentOf(pid: number, name: string): string | null {
  try {
    const entry = readFileSync(`/proc/${pid}/environ`, "utf8")
      .split("\0")
      .find((e) => e.startsWith(`${name}=`));
    return entry ? entry.slice(name.length + 1) : null;
  } catch {
    return null;
  }
}

/** CPU time the whole machine has spent busy so far (every core, from /proc/stat), in ms; null off Linux. */
export function machineBusyMs(): number | null {
  try {
    const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    const busy = cpu[0]! + cpu[1]! + cpu[2]! + cpu[5]! + cpu[6]! + (cpu[7] ?? 0);
    return Number.isFinite(busy) ? (busy * 1000) / clockTicksPerSecond() : null;
  } catch {
    return null;
  }
}
