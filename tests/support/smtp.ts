import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

// A real SMTP server for the tests (the smtp-server library), started and stopped by the test, on
// a port that stays the same across a restart so the app's SMTP_URL keeps pointing at it. It keeps
// every message it accepts, parsed. `rejectWith` makes it refuse recipients with a 5xx answer.

export type CaughtMail = ParsedMail & { envelopeTo: string[]; raw: string };

export class TestSmtpServer {
  readonly messages: CaughtMail[] = [];
  rejectWith: string | null = null;
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.rejectWith) {
          const error = new Error(this.rejectWith) as Error & { responseCode: number };
          error.responseCode = 550;
          return callback(error);
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          simpleParser(raw)
            .then((parsed) => {
              this.messages.push(Object.assign(parsed, { envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw }));
              callback();
            })
            .catch(callback);
        });
      },
    });
    this.server.listen(port, "127.0.0.1");
    await once(this.server.server, "listening");
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Waits until `count` messages have arrived (or fails after `ms`). */
  async waitFor(count: number, ms = 30_000): Promise<CaughtMail[]> {
    const until = Date.now() + ms;
    while (this.messages.length < count) {
      if (Date.now() > until) throw new Error(`expected ${count} e-mails, got ${this.messages.length}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.messages;
  }

  to(address: string): CaughtMail[] {
    return this.messages.filter((m) => m.envelopeTo.includes(address));
  }
}
