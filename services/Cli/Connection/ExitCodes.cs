namespace TalentMesh.Cli.Connection;

public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A service refused the call (its gRPC status is printed), or a demo step did not reach its state.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;

    /// <summary>A service could not be reached, or no token could be had.</summary>
    public const int Unreachable = 3;
}
