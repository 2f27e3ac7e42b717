namespace TalentMesh.Cli.Connection;

/// <summary>Where one service listens: gRPC (h2c) for the API, HTTP/1.1 for the Development token endpoint.</summary>
public sealed record ServiceAddress(Uri Grpc, Uri Http);
