// Placeholder replaced by the demo seed (see prisma/builders).
export type DemoSeedResult = { storeId: string; displayName: string; created: boolean };

export async function seedDemoStore(): Promise<DemoSeedResult | null> {
  return null;
}
