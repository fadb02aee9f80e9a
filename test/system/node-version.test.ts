describe('runtime', () => {
  it('runs on Node 22 or later, as Zapier does (the node package in devDependencies brings it)', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(major).toBeGreaterThanOrEqual(22);
  });
});
