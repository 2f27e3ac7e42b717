using Google.Api;
using Google.Protobuf.Reflection;
using Xunit;
using static TalentMesh.Contracts.Tests.ContractDescriptors;

namespace TalentMesh.Contracts.Tests;

public sealed class ApiContractTests
{
    /// <summary>The calls docs/contracts.md names under "Idempotency": each creates something a retry could duplicate.</summary>
    private static readonly string[] IdempotentCreates =
    [
        "RegisterTalent", "SubmitCredential", "IssueTalentCode", "PublishRuleSet", "CreatePolicy", "Redeem",
        "ApproveRedemption", "AppealRejection", "RecordDisbursement",
    ];

    [Fact]
    public void EveryApiPackage_HasServices()
    {
        foreach (var package in ApiPackages)
        {
            Assert.Contains(ApiServices, s => s.File.Package == package);
            // The per-RPC checks below pass vacuously over a package without RPCs.
            Assert.Contains(ApiMethods, m => m.File.Package == package);
        }
    }

    [Fact]
    public void EveryRpc_HasHttpAnnotation()
    {
        var missing = ApiMethods
            .Where(m => m.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule
                        || rule.PatternCase == HttpRule.PatternOneofCase.None)
            .Select(m => m.FullName);
        Assert.Empty(missing);
    }

    [Fact]
    public void HttpRoutes_AreUniquePerVerb()
    {
        var duplicates = ApiMethods
            .Select(m => m.GetOptions()?.GetExtension(AnnotationsExtensions.Http))
            .OfType<HttpRule>()
            .GroupBy(r => $"{r.PatternCase} {Path(r)}")
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void CreateLikeRequests_HaveIdempotencyKey()
    {
        // Each documented call exists (a rename cannot silently drop it from the check) and carries the key.
        Assert.Empty(IdempotentCreates.Except(ApiMethods.Select(m => m.Name)));
        var requests = ApiMethods.Where(m => IdempotentCreates.Contains(m.Name)).Select(m => m.InputType).ToList();
        Assert.Empty(requests.Where(r => !HasStringField(r, "idempotency_key")).Select(r => r.Name));
    }

    [Fact]
    public void PagedRequests_HavePageSizeAndToken()
    {
        // List* calls and anything answering with a next_page_token.
        var paged = ApiMethods
            .Where(m => m.Name.StartsWith("List", StringComparison.Ordinal)
                        || m.OutputType.FindFieldByName("next_page_token") is not null)
            .ToList();
        Assert.NotEmpty(paged);
        var offending = paged.Where(m =>
                m.InputType.FindFieldByName("page_size") is not { FieldType: FieldType.Int32 }
                || !HasStringField(m.InputType, "page_token")
                || (!m.IsServerStreaming && !HasStringField(m.OutputType, "next_page_token")))
            .Select(m => m.FullName);
        Assert.Empty(offending);
    }

    [Fact]
    public void Responses_ShowPersonalDataOnlyMasked()
    {
        var offending =
            from method in ApiMethods
            from m in Reachable(method.OutputType)
            from f in m.Fields.InDeclarationOrder()
            where (f.Name.Contains("phone") || f.Name.Contains("identity_number"))
                  && !f.Name.EndsWith("_masked", StringComparison.Ordinal)
            select $"{method.Name}: {m.Name}.{f.Name}";
        Assert.Empty(offending.Distinct());
    }

    [Fact]
    public void Enums_HaveUnspecifiedZeroAndTypePrefix()
    {
        var offending =
            from file in Files
            from e in file.EnumTypes.Concat(file.MessageTypes.SelectMany(NestedEnums))
            let prefix = ScreamingSnake(e.Name) + "_"
            where e.Values[0].Number != 0 || e.Values[0].Name != prefix + "UNSPECIFIED"
                  || e.Values.Any(v => !v.Name.StartsWith(prefix, StringComparison.Ordinal))
            select e.FullName;
        Assert.Empty(offending);
    }

    private static bool HasStringField(MessageDescriptor message, string name) =>
        message.FindFieldByName(name) is { FieldType: FieldType.String, IsRepeated: false };

    private static string Path(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => rule.Get,
        HttpRule.PatternOneofCase.Post => rule.Post,
        HttpRule.PatternOneofCase.Put => rule.Put,
        HttpRule.PatternOneofCase.Patch => rule.Patch,
        HttpRule.PatternOneofCase.Delete => rule.Delete,
        _ => rule.Custom?.Path ?? "",
    };

    private static IEnumerable<EnumDescriptor> NestedEnums(MessageDescriptor message) =>
        message.EnumTypes.Concat(message.NestedTypes.SelectMany(NestedEnums));

    private static string ScreamingSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
