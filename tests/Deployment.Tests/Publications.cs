using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using Google.Protobuf;
using TalentMesh.Contracts.Events.V1;

namespace TalentMesh.Deployment.Tests;

/// <summary>
/// The topics a service publishes, read from its compiled code: every integration event message (a message with a
/// <c>(talentmesh.events.v1.topic)</c> option) whose constructor the service's assembly calls. A consumer only parses
/// the events it receives — the parser constructing them lives in the contracts assembly — so constructing one means
/// publishing it. No hand-written list to drift from the code.
/// </summary>
internal static class Publications
{
    private static readonly ConcurrentDictionary<Assembly, IReadOnlySet<string>> Cache = new();

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IReadOnlySet<string> Of(Assembly assembly) => Cache.GetOrAdd(assembly, Scan);

    private static IReadOnlySet<string> Scan(Assembly assembly)
    {
        var topics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                foreach (var constructed in ConstructedTypes(method))
                {
                    if (TopicOf(constructed) is { } topic)
                        topics.Add(topic);
                }
            }
        }

        return topics;
    }

    private static string? TopicOf(Type type) =>
        typeof(IMessage).IsAssignableFrom(type) && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null
            ? ((IMessage)Activator.CreateInstance(type)!).Descriptor.GetOptions()?.GetExtension(OptionsExtensions.Topic) is { Length: > 0 } topic
                ? topic : null
            : null;

    /// <summary>The declaring types of every <c>newobj</c> in the method's IL.</summary>
    private static IEnumerable<Type> ConstructedTypes(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
            yield break;
        var position = 0;
        while (position < il.Length)
        {
            var value = il[position] == 0xFE ? (short)(0xFE00 | il[position + 1]) : il[position];
            var opCode = OpCodesByValue[value];
            position += opCode.Size;
            if (opCode == OpCodes.Newobj && Resolve(method, BitConverter.ToInt32(il, position)) is { DeclaringType: { } type })
                yield return type;
            position += OperandSize(opCode, il, position);
        }
    }

    private static MethodBase? Resolve(MethodBase method, int token)
    {
        try
        {
            return method.Module.ResolveMethod(
                token,
                method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null,
                method.IsGenericMethod ? method.GetGenericArguments() : null);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static int OperandSize(OpCode opCode, byte[] il, int position) => opCode.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, position),
        _ => 4,
    };
}
