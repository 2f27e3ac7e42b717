using Bunit;
using Google.Protobuf.WellKnownTypes;
using TalentMesh.BackOffice.TalentCodes;
using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.BackOffice.Tests;

/// <summary>The service point's page: a pasted code is verified and the verdict shown.</summary>
public sealed class VerifyTalentCodePageTests
{
    [Fact]
    public async Task Verify_ValidCode_ShowsTierMaskedNameAndValidity()
    {
        await using var context = new ConsoleTestContext();
        context.TalentCodes.OnVerify = _ => new VerifyTalentCodeResponse
        {
            Valid = true,
            Result = VerificationResult.Valid,
            TalentId = "talent-1",
            Tier = Tier.C,
            FullNameMasked = "张*明",
            CodeSerial = "serial-9",
            TokenExpiresAt = Timestamp.FromDateTime(new DateTime(2026, 12, 2, 9, 5, 0, DateTimeKind.Utc)),
        };
        var page = context.RenderInPage<VerifyTalentCodePage>();

        page.Find("textarea").Change("  TM1:6BFOXN  ");
        await page.Find("form").SubmitAsync();

        Assert.Equal("TM1:6BFOXN", Assert.Single(context.TalentCodes.VerifyRequests).QrPayload);
        Assert.Equal("valid", page.Find("[data-verdict]").GetAttribute("data-verdict"));
        var verdict = page.Find("[role=status]").TextContent;
        Assert.Contains("张*明", verdict);
        Assert.Contains("C — provincial leading talent", verdict);
        Assert.Contains("2026-12-02 09:05 UTC", verdict);
    }

    [Fact]
    public async Task Verify_RevokedCode_ShowsNotValidWithTheReason()
    {
        await using var context = new ConsoleTestContext();
        context.TalentCodes.OnVerify = _ => new VerifyTalentCodeResponse { Valid = false, Result = VerificationResult.Revoked, TalentId = "talent-1", Tier = Tier.D };
        var page = context.RenderInPage<VerifyTalentCodePage>();

        page.Find("textarea").Change("TM1:OLD");
        await page.Find("form").SubmitAsync();

        Assert.Equal("invalid", page.Find("[data-verdict]").GetAttribute("data-verdict"));
        Assert.Contains("Reason: revoked", page.Find("[role=status]").TextContent);
    }

    [Fact]
    public async Task Verify_EmptyPayload_CallsNothing()
    {
        await using var context = new ConsoleTestContext();
        var page = context.RenderInPage<VerifyTalentCodePage>();

        await page.Find("form").SubmitAsync();

        Assert.Empty(context.TalentCodes.VerifyRequests);
        Assert.Empty(page.FindAll("[data-verdict]"));
        Assert.Contains("Paste the talent code.", page.Find("#talent-code-payload").Closest(".mud-input-control")!.TextContent);
    }
}
