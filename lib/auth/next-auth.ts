import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import type { Role } from "../db/generated/enums";
import { authenticateUser } from "../users/authenticate-user";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
  interface User {
    role?: Role;
  }
}

const credentialsSchema = z.object({ email: z.string().email(), password: z.string().min(1).max(200) });

/**
 * Console sign-in: email + password against the users table, JWT sessions (no session table).
 * The JWT carries only the user id and role at sign-in; every request re-reads the user, so a
 * role change or a disabled account applies at once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  trustHost: true,
  pages: { signIn: "/login" },
  // A wrong password is an expected outcome shown on the form, not a server error to log.
  logger: {
    error(error) {
      // Auth.js errors carry a `type`; class names are minified in the production build.
      const type = (error as Error & { type?: string }).type ?? error.name;
      if (type !== "CredentialsSignin") console.error(`[auth] ${type}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await authenticateUser(parsed.data.email, parsed.data.password);
        return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.role = token.role as Role;
      return session;
    },
  },
});
