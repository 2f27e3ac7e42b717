using TalentMesh.Cli.Tests.Support;
using TalentMesh.Testing;

[assembly: AssemblyFixture(typeof(RedisServerFixture))]
[assembly: AssemblyFixture(typeof(MeshFixture))]
