using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Grpc.Core;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Testing;

namespace TalentMesh.Registration.Tests.Service;

public sealed class TranscodingTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Json_RegisterAndReadKeys_ServedOnTheHttpPort()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        var register = new HttpRequestMessage(HttpMethod.Post, "/v1/talents")
        {
            Content = new StringContent(Google.Protobuf.JsonFormatter.Default.Format(Domain.Samples.Registration()), Encoding.UTF8, "application/json"),
        };
        register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Host.Token("applicant", "t-1"));

        var registered = await host.Host.Http.SendAsync(register, TestContext.Current.CancellationToken);
        var keys = await host.Host.Http.GetAsync("/v1/talent-code-keys", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Contains("110105********002X", await registered.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Contains("ES256", await keys.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Json_WatchMyTalent_StreamsTheTalentAsItIs()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix());
        await host.RegisterAsync("t-1");
        using var watch = new HttpRequestMessage(HttpMethod.Get, "/v1/me/talent:watch");
        watch.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Host.Token("applicant", "t-1"));
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        leaving.CancelAfter(TimeSpan.FromSeconds(10));

        // Server streaming over JSON transcoding: one JSON object per message, each on a line of its own.
        using var response = await host.Host.Http.SendAsync(watch, HttpCompletionOption.ResponseHeadersRead, leaving.Token);
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(leaving.Token));
        var first = await lines.ReadLineAsync(leaving.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"talentId\":\"t-1\"", first?.Replace(" ", ""), StringComparison.Ordinal);
        Assert.Contains("110105********002X", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyTalentCode_OverRateLimit_ResourceExhaustedPerScanner()
    {
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix(), settings => settings["Registration:RateLimits:VerificationsPerMinute"] = "2");
        var request = new VerifyTalentCodeRequest { QrPayload = "TM1:BB8" };

        await host.Codes.VerifyTalentCodeAsync(request, host.Scanner);
        await host.Codes.VerifyTalentCodeAsync(request, host.Scanner);
        await Statuses.FailsWith(StatusCode.ResourceExhausted, async () => await host.Codes.VerifyTalentCodeAsync(request, host.Scanner));
        Assert.Equal(VerificationResult.Malformed, (await host.Codes.VerifyTalentCodeAsync(request, host.As("scanner", "scanner-2"))).Result);
    }

    [Fact]
    public async Task VerifyTalentCode_AfterTheBurst_RegainsOneCallAtATime()
    {
        // 6 a minute: a burst of 6, then one call back every 10 s (not all 6 at the next minute).
        await using var host = await RegistrationHost.StartAsync(redis, TestKeys.Prefix(), settings => settings["Registration:RateLimits:VerificationsPerMinute"] = "6");
        var request = new VerifyTalentCodeRequest { QrPayload = "TM1:BB8" };
        for (var i = 0; i < 6; i++)
            await host.Codes.VerifyTalentCodeAsync(request, host.Scanner);
        await Statuses.FailsWith(StatusCode.ResourceExhausted, async () => await host.Codes.VerifyTalentCodeAsync(request, host.Scanner));

        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await host.Codes.VerifyTalentCodeAsync(request, host.Scanner);
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "one call is allowed again about 10 s later, well before the minute is up");
        await Statuses.FailsWith(StatusCode.ResourceExhausted, async () => await host.Codes.VerifyTalentCodeAsync(request, host.Scanner));
    }
}
