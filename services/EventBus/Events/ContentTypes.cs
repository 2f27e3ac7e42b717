namespace TalentMesh.EventBus.Events;

/// <summary>
/// How a CloudEvent's <c>datacontenttype</c> tells its data apart, as daprd does (dapr/components-contrib
/// <c>contenttype/utils.go</c>): JSON types carry JSON, <c>text/*</c> and <c>application/xml</c> carry text, anything else
/// is bytes (for an integration event: its binary protobuf encoding).
/// </summary>
public static class ContentTypes
{
    public const string Json = "application/json";

    /// <summary>daprd's type for a CloudEvent its publisher did not type (pubsub/envelope.go DefaultCloudEventType).</summary>
    public const string DaprDefaultCloudEventType = "com.dapr.event.sent";

    /// <summary>JSON data; an absent content type means JSON, as in the CloudEvents JSON format.</summary>
    public static bool IsJson(string? contentType)
    {
        var mediaType = MediaType(contentType);
        return mediaType.Length == 0 || mediaType is Json or "application/cloudevents+json" || mediaType.EndsWith("+json", StringComparison.Ordinal);
    }

    public static bool IsText(string? contentType)
    {
        var mediaType = MediaType(contentType);
        return mediaType.StartsWith("text/", StringComparison.Ordinal) || mediaType == "application/xml";
    }

    private static string MediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return "";
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }
}
