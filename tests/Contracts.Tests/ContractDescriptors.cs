using System.Reflection;
using Google.Protobuf.Reflection;
using TalentMesh.Contracts.Events.V1;

namespace TalentMesh.Contracts.Tests;

/// <summary>The file descriptors compiled into the contracts assembly.</summary>
internal static class ContractDescriptors
{
    public const string EventsPackage = "talentmesh.events.v1";

    public static readonly string[] ApiPackages =
        ["talentmesh.registration.v1", "talentmesh.evaluation.v1", "talentmesh.redemption.v1"];

    public static IReadOnlyList<FileDescriptor> Files { get; } = typeof(OptionsReflection).Assembly
        .GetTypes()
        .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
        .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
        .OfType<FileDescriptor>()
        .Where(f => f.Package.StartsWith("talentmesh.", StringComparison.Ordinal))
        .ToList();

    public static IEnumerable<MessageDescriptor> EventMessages =>
        Files.Where(f => f.Package == EventsPackage).SelectMany(f => f.MessageTypes);

    public static IEnumerable<ServiceDescriptor> ApiServices =>
        Files.Where(f => ApiPackages.Contains(f.Package)).SelectMany(f => f.Services);

    public static IEnumerable<MethodDescriptor> ApiMethods => ApiServices.SelectMany(s => s.Methods);

    public static string? Topic(MessageDescriptor message) =>
        message.GetOptions()?.GetExtension(OptionsExtensions.Topic);

    /// <summary>The message and every message reachable through its fields, each once.</summary>
    public static IEnumerable<MessageDescriptor> Reachable(MessageDescriptor root)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<MessageDescriptor>([root]);
        while (pending.TryPop(out var message))
        {
            if (!seen.Add(message.FullName))
                continue;
            yield return message;
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                if (field.FieldType == FieldType.Message)
                    pending.Push(field.MessageType);
            }
        }
    }
}
