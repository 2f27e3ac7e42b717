using TalentMesh.Testing;

[assembly: AssemblyFixture(typeof(RedisServerFixture))]
