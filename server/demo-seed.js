// @ts-check
// `npm start` fills an empty demo store once with the simulated demo study
// (server/demo-study.js), so a newcomer sees the evaluation at once. Every row is stored
// with `simulated: true` and shows as simulated on the pages and in the exports. Deleting
// the simulated rows (Manage data) is remembered: they do not come back on the next start.

export const DEMO_SETTING = 'demo-study';

/**
 * @param {import('./storage/common.js').Storage} storage
 * @returns {Promise<number>} how many responses were stored (0 when seeded before)
 */
export async function seedDemoStudy(storage) {
  if ((await storage.getSetting(DEMO_SETTING)) !== null) return 0;
  const {simulateStudy} = await import('./demo-study.js');
  const bodies = simulateStudy({now: new Date()});
  let stored = 0;
  for (let i = 0; i < bodies.length; i += 50) {
    const batch = bodies.slice(i, i + 50);
    const results = await Promise.all(
      batch.map((body) =>
        storage.put('response', [{key: body.id, body}], {
          simulated: true,
          receivedAt: body.submittedAt,
        }),
      ),
    );
    stored += results.filter(([r]) => r.created).length;
  }
  await storage.setSetting(DEMO_SETTING, 'seeded');
  return stored;
}
