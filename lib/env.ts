import { z } from "zod";

const booleanFlag = z
  .enum(["0", "1", "true", "false", "yes", "no", ""])
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : ["1", "true", "yes"].includes(value)));

/** Every environment variable Kith reads, validated once. README lists them all. */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  KITH_DATA_DIR: z.string().default("./.kith"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  KITH_SEED_DEMO: booleanFlag,
  KITH_ADMIN_EMAIL: z.string().email().optional(),
  KITH_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  KITH_BOOTSTRAP_API_KEY: z
    .string()
    .regex(/^kith_key_[0-7][0-9a-z]{25}:[A-Za-z0-9_-]{16,}$/, 'must be "keyId:secret" with a kith_key_ TypeID and a secret of 16+ URL-safe characters')
    .optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  /**
   * The externally visible base URL (https://kith.example.com, optionally with a path prefix): the
   * Twilio webhook checks signatures over this URL, since behind a proxy the request's own URL is
   * not the one Twilio called. Unset: taken from the request (Host, X-Forwarded-Proto/-Host).
   */
  KITH_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .refine((value) => !/[?#]/.test(value), "must not have a query string or fragment")
    .transform((value) => value.replace(/\/+$/, ""))
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Requests a second per API key or user (bursts twice that); 0 = no limit. */
  KITH_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).default(0),
  /** How often conversations are checked against their channel's inactivity timeouts; 0 = never. */
  KITH_TIMEOUT_SWEEP_SECONDS: z.coerce.number().int().min(0).default(60),
  /** How often the embedded database's tables are checked for missing statistics (lib/db/refresh-table-statistics.ts); 0 = never. */
  KITH_STATISTICS_CHECK_SECONDS: z.coerce.number().int().min(0).default(60),
  /** `0` keeps `npm start` from running a job worker in the server process (run `npm run worker` instead). */
  KITH_WORKER: booleanFlag,
  /** Jobs one worker process runs at once. */
  KITH_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  KITH_LLM_BASE_URL: z.string().url().optional(),
  KITH_LLM_API_KEY: z.string().optional(),
  KITH_LLM_MODEL: z.string().optional(),
  /** Per request to the model endpoint; a slower answer is retried. */
  KITH_LLM_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(60),
  /** Attempts per model request (network errors, timeouts, 429/5xx and malformed answers are retried). */
  KITH_LLM_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  KITH_EMBEDDINGS_BASE_URL: z.string().url().optional(),
  KITH_EMBEDDINGS_API_KEY: z.string().optional(),
  KITH_EMBEDDINGS_MODEL: z.string().optional(),
  /** Per request to the embeddings endpoint; a slower answer is retried. */
  KITH_EMBEDDINGS_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(30),
  /** Texts per request to the embeddings endpoint. */
  KITH_EMBEDDINGS_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(64),
  /** Attempts per embeddings request (network errors, timeouts, 429 and 5xx are retried). */
  KITH_EMBEDDINGS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** The validated environment; a bad value stops start-up with the variable's name and the problem. */
export function readEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** Forget the cached environment (tests change variables between cases). */
export function resetEnvCache(): void {
  cached = undefined;
}
