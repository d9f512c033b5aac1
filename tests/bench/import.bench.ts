import { spawnSync } from "node:child_process";
import { createWriteStream, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { db } from "@/lib/db";
import { actorForBackgroundWork } from "@/lib/auth/data";
import { checkImport } from "@/lib/imports/data/check";
import { runImport } from "@/lib/imports/data/run";
import { getImport, startImport, uploadImport } from "@/lib/imports/data/manage";
import { stopJobQueue } from "@/lib/jobs/client";

// The bulk import benchmark: `npm run bench:import [-- --rows 100000]`. Not part of `npm test`.
// Writes a CSV of N incidents (each with a place from a pool of N/20 addresses and a victim and a
// suspect from pools of N/5 and N/10 people), then uploads, checks and imports it through the data
// layer in this process, as the worker does, for the demo partnership's manager (Sandra Okafor):
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sp_bench npm run db:migrate && npm run db:seed
//   DATABASE_URL=... npm run bench:import -- --rows 10000
//
// Prints rows/s for the check and for the import, CPU seconds, and the peak resident memory (VmHWM)
// of the upload (read whole, as the upload form's server action does in the web process) and,
// separately, of the check and the import (the worker's part, which streams the file; run with the
// worker's own heap cap). Run with no worker serving the same database.

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    manager: { type: "string", default: "sandra.okafor@kingsmere.gov.example" },
    work: { type: "string" },
  },
});
const rows = Number(values.rows);

const HEADER =
  "source_reference,occurred,reported,report_method,category,type,description,place_address_line_1,place_town,place_postcode,place_kind,person_1_first_name,person_1_last_name,person_1_date_of_birth,person_1_role,person_2_first_name,person_2_last_name,person_2_date_of_birth,person_2_role";
const FIRST = [
  "Amara",
  "Bilal",
  "Chloe",
  "Dawid",
  "Efua",
  "Farid",
  "Grace",
  "Hamza",
  "Ines",
  "Jonah",
  "Kezia",
  "Liam",
  "Maya",
  "Niall",
  "Orla",
  "Priya",
];
const LAST = [
  "Ashworth",
  "Brennan",
  "Chowdhury",
  "Dlamini",
  "Evans",
  "Fitzgerald",
  "Gallagher",
  "Hussain",
  "Iqbal",
  "Jovanovic",
  "Kowalski",
  "Lindqvist",
  "Mensah",
  "Nowak",
  "Okonkwo",
  "Pereira",
];
const TYPES = ["Noise", "Rowdy or inconsiderate behaviour", "Street drinking", "Vehicle nuisance", "Littering or fly-tipping"];

function person(n: number): string {
  const day = String((n % 28) + 1).padStart(2, "0");
  const month = String((n % 12) + 1).padStart(2, "0");
  return `${FIRST[n % FIRST.length]},${LAST[Math.floor(n / FIRST.length) % LAST.length]}${Math.floor(n / 256)},${day}/${month}/${1960 + (n % 45)}`;
}

async function writeFile(file: string) {
  const out = createWriteStream(file);
  out.write(`${HEADER}\r\n`);
  const start = Date.UTC(2021, 0, 1);
  for (let i = 0; i < rows; i++) {
    const at = new Date(start + ((i * 7_919) % (5 * 365)) * 86_400_000 + (i % 1440) * 60_000);
    const when = `${String(at.getUTCDate()).padStart(2, "0")}/${String(at.getUTCMonth() + 1).padStart(2, "0")}/${at.getUTCFullYear()} ${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`;
    const place = i % Math.max(1, Math.floor(rows / 20));
    const line = `BENCH-${i},${when},${when},Phone,Nuisance,${TYPES[i % TYPES.length]},Benchmark incident ${i},${place + 1} Bench Street,Kingsmere,KM${(place % 9) + 1} ${(place % 9) + 1}AB,Home or residential building,${person(i % Math.max(1, Math.floor(rows / 5)))},Victim,${person(100_000 + (i % Math.max(1, Math.floor(rows / 10))))},Alleged perpetrator\r\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

function peakRssMb(): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return hwm ? Math.round(Number(hwm[1]) / 1024) : NaN;
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** The web process's part: the posted file read whole and kept. Prints the import's id. */
async function upload(): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { email: values.manager! } });
  const actor = (await actorForBackgroundWork(user.id))!;
  const file = path.join(tmpdir(), `import-bench-${process.pid}.csv`);
  await writeFile(file);
  const bytes = readFileSync(file);
  rmSync(file);
  console.log(`file: ${rows.toLocaleString("en-GB")} incidents, ${(bytes.length / 1024 / 1024).toFixed(1)} MB CSV`);
  const id = await uploadImport(actor, { kind: "INCIDENTS", file: new File([bytes], "bench.csv") });
  console.log(`upload: peak memory (VmHWM) ${peakRssMb()} MB`);
  return id;
}

/** The worker's part, in a process of its own (as the worker is): the check, then the import. */
async function work(id: string) {
  const job = await db.dataImport.findUniqueOrThrow({ where: { id } });
  const actor = (await actorForBackgroundWork(job.createdById))!;
  let t = performance.now();
  let cpu = cpuSeconds();
  await checkImport(id);
  const checkSeconds = (performance.now() - t) / 1000;
  const checkCpu = cpuSeconds() - cpu;
  const checkPeak = peakRssMb();
  writeFileSync("/proc/self/clear_refs", "5");
  const checked = await getImport(actor, id);
  console.log(
    `check:  ${checkSeconds.toFixed(1)} s, ${Math.round(rows / checkSeconds).toLocaleString("en-GB")} rows/s, node CPU ${checkCpu.toFixed(1)} s, problems ${checked.problemCount}`,
  );
  if (checked.problemCount > 0) throw new Error("the benchmark file should have no problems");

  await startImport(actor, id, checked.version);
  t = performance.now();
  cpu = cpuSeconds();
  await runImport(id);
  const importSeconds = (performance.now() - t) / 1000;
  const importCpu = cpuSeconds() - cpu;
  const done = await getImport(actor, id);
  console.log(
    `import: ${importSeconds.toFixed(1)} s, ${Math.round(rows / importSeconds).toLocaleString("en-GB")} rows/s, node CPU ${importCpu.toFixed(1)} s (${((importCpu / rows) * 1000).toFixed(2)} ms/row), status ${done.status}, created ${done.createdCount}`,
  );
  console.log(`worker peak memory (VmHWM): check ${checkPeak} MB, import ${peakRssMb()} MB`);
}

try {
  if (values.work) await work(values.work);
  else {
    const id = await upload();
    await stopJobQueue();
    // The same flags as this process (the worker's heap cap), the import's id as --work.
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--rows", String(rows), "--work", id], {
      stdio: "inherit",
    });
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  }
} finally {
  await stopJobQueue();
  await db.$disconnect();
}
