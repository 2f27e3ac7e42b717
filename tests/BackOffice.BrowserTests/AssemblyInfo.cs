using TalentMesh.BackOffice.BrowserTests.Mesh;
using Xunit.Sdk;
using Xunit.v3;

// One mesh and one browser for the whole run; tests one after another (2 cores: a console page, three services and
// Chromium already keep them busy, and a test's page timings stay predictable).
[assembly: AssemblyFixture(typeof(ConsoleMesh))]
[assembly: Parallelization(Mode = ParallelMode.None)]
