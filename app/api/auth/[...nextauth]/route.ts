// Auth.js endpoints for the console's sign-in (credentials, JWT session cookie)
import { handlers } from "@/lib/auth/next-auth";

export const { GET, POST } = handlers;
