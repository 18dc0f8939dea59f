// A real HTTP endpoint inside the test runner's dev server. Browser tests POST to
// /__endpoint/... and steer it through /__endpoint/control. Filled in by the delivery work.
export function testEndpoint() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/__endpoint/')) return next();
    ctx.status = 404;
  };
}
