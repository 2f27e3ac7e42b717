namespace TalentMesh.Cli.Connection;

/// <summary>A mistake the user can fix (bad option value, missing subject, no token endpoint); printed without a stack trace.</summary>
public sealed class CliException(string message) : Exception(message);
