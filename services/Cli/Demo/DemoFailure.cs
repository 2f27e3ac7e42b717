namespace TalentMesh.Cli.Demo;

/// <summary>A demo step did not reach its expected state (the message says what was expected and what was seen).</summary>
public sealed class DemoFailure(string message) : Exception(message);
