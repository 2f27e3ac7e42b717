using System.Diagnostics.CodeAnalysis;

namespace TalentMesh.BackOffice.ServiceClients;

/// <summary>A call's answer or the problem that stopped it: pages branch on it instead of catching exceptions.</summary>
public sealed record CallResult<T>(T? Value, CallProblem? Problem)
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;
}
