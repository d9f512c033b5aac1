import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { endSessionById, signInWithPassword } from "@/lib/auth/data";
import { SESSION_ABSOLUTE_LIFETIME_MS } from "@/lib/auth/policy";
import { sessionCookieName, usesSecureCookies } from "@/lib/auth/cookies";
import { clientIp } from "@/lib/auth/client-ip";

const ZSignIn = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  // The second step (authenticator or recovery code), sent with the password once the first try
  // answered CODE_REQUIRED: the password is checked again, so nothing is trusted between the two.
  code: z.string().trim().max(64).optional(),
});

// The JWT only names a server-side session (sid) and the user's session version (sv); whether it
// is still alive is decided by lib/auth/data.ts resolveSession on every request.
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    sv?: number;
  }
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_LIFETIME_MS / 1000 },
  jwt: { maxAge: SESSION_ABSOLUTE_LIFETIME_MS / 1000 },
  useSecureCookies: usesSecureCookies(),
  cookies: {
    sessionToken: {
      name: sessionCookieName(),
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: usesSecureCookies() },
    },
  },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" } },
      async authorize(credentials, req) {
        const parsed = ZSignIn.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        const result = await signInWithPassword({
          email: parsed.data.email,
          password: parsed.data.password,
          code: parsed.data.code ?? null,
          ip: clientIp((name) => headers[name]),
          userAgent: headers["user-agent"] ?? null,
        });
        // next-auth passes a thrown error's message to the sign-in page as the error code.
        if (!result.ok) {
          if (result.reason !== "INVALID") throw new Error(result.reason);
          return null;
        }
        return { id: result.userId, sid: result.sessionId, sv: result.sessionVersion };
      },
    }),
  ],
  events: {
    // next-auth's own sign-out endpoint: end the server-side session too, not just the cookie.
    async signOut({ token }) {
      if (token?.sid && token.sub) await endSessionById(token.sid, token.sub);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; sid: string; sv: number };
        return { sub: u.id, sid: u.sid, sv: u.sv };
      }
      return token;
    },
    // The browser gets nothing but "signed in": names and roles come from the server per request.
    session({ session }) {
      return { expires: session.expires };
    },
  },
};
