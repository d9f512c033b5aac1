// The demo's mail catcher: with SMTP_URL unset, `npm run demo` (and serve, dev) starts this instead
// of sending anywhere. A real SMTP server (the smtp-server library) on 127.0.0.1 keeps each message
// as an .eml file in .data/mail, and a small web inbox on 127.0.0.1 lists them newest first, with
// /messages.json for the end-to-end tests. Nothing leaves the machine.

import { createServer, type Server } from "node:http";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

export type MailCatcher = { smtpUrl: string; inboxUrl: string; stop: () => Promise<void> };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

async function messages(dir: string) {
  const files = (await readdir(dir))
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .reverse();
  return Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(await readFile(path.join(dir, file)));
      const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : (parsed.to?.text ?? "");
      return {
        id: file.replace(/\.eml$/, ""),
        date: parsed.date?.toISOString() ?? null,
        to,
        subject: parsed.subject ?? "",
        text: parsed.text ?? "",
        attachments: parsed.attachments.map((a) => a.filename ?? "attachment"),
      };
    }),
  );
}

export async function startMailCatcher(options: { dir: string; smtpPort: number; httpPort: number }): Promise<MailCatcher> {
  await mkdir(options.dir, { recursive: true });
  let counter = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${String(++counter).padStart(4, "0")}.eml`;
        writeFile(path.join(options.dir, name), Buffer.concat(chunks)).then(() => callback(), callback);
      });
    },
  });
  smtp.listen(options.smtpPort, "127.0.0.1");
  await once(smtp.server, "listening");

  const http: Server = createServer((request, response) => {
    messages(options.dir)
      .then((list) => {
        if (request.url === "/messages.json") {
          response.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
          response.end(JSON.stringify(list));
          return;
        }
        response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        response.end(
          `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Demo mail catcher</title></head><body>` +
            `<h1>Mail sent by the demo (${list.length})</h1><p>Nothing here left this machine.</p>` +
            list
              .map(
                (m) =>
                  `<article><h2>${escapeHtml(m.subject)}</h2><p>To ${escapeHtml(m.to)} · ${escapeHtml(m.date ?? "")}` +
                  `${m.attachments.length ? ` · attached: ${escapeHtml(m.attachments.join(", "))}` : ""}</p><pre>${escapeHtml(m.text)}</pre></article>`,
              )
              .join("") +
            `</body></html>`,
        );
      })
      .catch(() => {
        response.writeHead(500);
        response.end();
      });
  });
  http.listen(options.httpPort, "127.0.0.1");
  await once(http, "listening");

  return {
    smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`,
    inboxUrl: `http://127.0.0.1:${options.httpPort}/`,
    stop: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
