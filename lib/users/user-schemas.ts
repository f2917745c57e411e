import { z } from "zod";
import { roles } from "../auth/roles";

export const passwordSchema = z.string().min(8, "must be at least 8 characters").max(200);

export const userCreateSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().max(100).optional(),
  role: z.enum(roles),
  password: passwordSchema,
});

export const userUpdateSchema = z.object({
  name: z.string().trim().max(100).optional(),
  role: z.enum(roles).optional(),
  disabled: z.boolean().optional(),
  password: passwordSchema.optional(),
});

export type UserCreateInput = z.infer<typeof userCreateSchema>;
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;
