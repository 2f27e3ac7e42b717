using System.Globalization;
using System.Text;
using Google.Protobuf;

namespace TalentMesh.EventBus.Events;

/// <summary>
/// The protobuf JSON mapping of an event, written into a per-thread buffer. JsonFormatter.Format starts from an empty
/// StringBuilder and doubles it up to the event's size — for a 1 KB event about 8 KB of garbage per commit.
/// </summary>
public static class ProtobufJson
{
    [ThreadStatic]
    private static StringWriter? writer;

    public static string Format(IMessage message)
    {
        var buffer = writer ??= new StringWriter(new StringBuilder(PerThreadBuffer.InitialCapacity), CultureInfo.InvariantCulture);
        var builder = buffer.GetStringBuilder();
        builder.Clear();
        JsonFormatter.Default.Format(message, buffer);
        var json = builder.ToString();
        if (builder.Capacity > PerThreadBuffer.MaxRetainedCapacity)
            writer = null;
        return json;
    }
}
