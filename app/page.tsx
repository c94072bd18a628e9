import { count, desc } from 'drizzle-orm';
import { connection } from 'next/server';
import { getDb } from '@/db';
import { approvalTemplates, vendors } from '@/db/schema';

export default async function HomePage() {
  await connection();
  const db = await getDb();
  const [vendorCount] = await db.select({ value: count() }).from(vendors);
  const recentVendors = await db.select().from(vendors).orderBy(desc(vendors.updatedAt)).limit(12);
  const templates = await db.select({ name: approvalTemplates.name }).from(approvalTemplates);
  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <h1 className="text-2xl font-bold">협력업체 포털</h1>
      <p className="mt-1 text-slate-600">
        협력업체 {vendorCount?.value ?? 0}곳 · 결재 양식 {templates.length}종
      </p>
      <ul className="mt-6 divide-y rounded-lg border bg-white">
        {recentVendors.map((vendor) => (
          <li key={vendor.id} className="flex items-center justify-between px-4 py-3">
            <span className="font-medium">{vendor.name}</span>
            <span className="text-sm text-slate-500">{vendor.vendorCode ?? vendor.status}</span>
          </li>
        ))}
      </ul>
    </main>
  );
}
