using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using TalentMesh.EndToEnd.Tests.Support;
using TalentMesh.Testing;
using TalentMesh.Testing.Mesh;

namespace TalentMesh.EndToEnd.Tests.Workflow;

/// <summary>The demo's workflow again, over the JSON transcoding only (HTTP/1.1 ports, no protobuf on the client).</summary>
public sealed class JsonWorkflowTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Workflow_OverJsonTranscoding_SameStatesWithProto3JsonMapping()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mesh = await Mesh.StartAsync(cancellationToken: ct);
        var json = new JsonApi(mesh);
        var (reg, eval, red) = (mesh.Registration, mesh.Evaluation, mesh.Redemption);
        var (alice, bob, carol) = ("j-alice", "j-bob", "j-carol");

        // 1. Register.
        async Task RegisterAsync(string id, string name, DateOnly birth)
        {
            var talent = await json.PostAsync(reg, "/v1/talents", "applicant", id, new
            {
                identityDocumentType = "IDENTITY_DOCUMENT_TYPE_RESIDENT_ID",
                identityNumber = People.ResidentId(birth, 0),
                fullName = name,
                birthDate = new { year = birth.Year, month = birth.Month, day = birth.Day },
                gender = "GENDER_MALE",
                phone = "13800000000",
                employerCreditCode = People.Employer,
                idempotencyKey = Guid.NewGuid().ToString(),
            });
            Assert.Equal(id, (string?)talent["talentId"]);
            Assert.Equal("TALENT_STATUS_ACTIVE", (string?)talent["status"]);
            Assert.Equal("138****0000", (string?)talent["phoneMasked"]);
        }
        await RegisterAsync(alice, "Alice Zhang", People.BornYearsAgo(32));
        await RegisterAsync(bob, "Bob Li", People.BornYearsAgo(40));
        await RegisterAsync(carol, "Carol Wang", People.BornYearsAgo(27));

        // 2. Submit credentials (evidence size is int64: a string in JSON).
        async Task<string> SubmitAsync(string id, object attributes, string reference)
        {
            var credential = await json.PostAsync(reg, $"/v1/talents/{id}/credentials", "applicant", id, new
            {
                attributes,
                verificationReference = reference,
                evidence = new[] { new { contentHash = "sha256:" + new string('a', 64), mediaType = "application/pdf", sizeBytes = "120000", description = "scan" } },
                idempotencyKey = Guid.NewGuid().ToString(),
            });
            Assert.Equal("CREDENTIAL_STATUS_SUBMITTED", (string?)credential["status"]);
            Assert.Equal(JsonValueKind.String, credential["evidence"]![0]!["sizeBytes"]!.GetValueKind());
            return (string)credential["credentialId"]!;
        }
        string[] aliceCredentials =
        [
            await SubmitAsync(alice, new { degree = new { level = "EDUCATION_LEVEL_DOCTOR", institution = "Zhejiang University", major = "CS", graduationDate = new { year = 2012, month = 7, day = 1 }, fullTime = true } }, "A1B2C3D4E5F6G7H8"),
            await SubmitAsync(alice, new { employment = new { employerCreditCode = People.Employer, position = "EMPLOYMENT_POSITION_EXECUTIVE", startDate = new { year = 2020, month = 1, day = 1 }, employerCategory = "EMPLOYER_CATEGORY_HIGH_TECH" } }, "HT-2020-0001"),
            await SubmitAsync(alice, new { income = new { annualTaxableIncome = new { currencyCode = "CNY", units = "450000" }, taxYear = 2025, multipleOfAverageWage = 3.5 } }, "TAX-2025-991"),
            await SubmitAsync(alice, new { award = new { level = "AWARD_LEVEL_NATIONAL", awardTitle = "National award", year = 2022, issuingBody = "State Council" } }, "AWARD-2022-17"),
        ];
        var bobProgram = await SubmitAsync(bob, new { talentProgram = new { level = "TALENT_PROGRAM_LEVEL_PROVINCIAL", programTitle = "Program", year = 2021 } }, "TP-2021-0042");
        var bobAward = await SubmitAsync(bob, new { award = new { level = "AWARD_LEVEL_NATIONAL", awardTitle = "National award", year = 2022, issuingBody = "State Council" } }, "AWARD-2022-18");
        var carolDegree = await SubmitAsync(carol, new { degree = new { level = "EDUCATION_LEVEL_BACHELOR", institution = "Zhejiang University", major = "Maths", graduationDate = new { year = 2020, month = 6, day = 30 }, fullTime = true } }, "B1B2C3D4E5F6G7H8");
        var queue = await json.GetAsync(reg, "/v1/pending-credentials?pageSize=100", "hr", "hr-1");
        Assert.Equal(7, (int)queue["totalPending"]!);

        // 3. HR verifies and rejects.
        foreach (var id in aliceCredentials.Append(bobProgram).Append(carolDegree))
            Assert.Equal("CREDENTIAL_STATUS_VERIFIED", (string?)(await json.PostAsync(reg, $"/v1/credentials/{id}:verify", "hr", "hr-1", new { note = "checked" }))["status"]);
        Assert.Equal("CREDENTIAL_STATUS_REJECTED", (string?)(await json.PostAsync(reg, $"/v1/credentials/{bobAward}:reject", "hr", "hr-1", new { reason = "unreadable" }))["status"]);

        // 4. Scores and explanations (evaluationSequence is int64: a string).
        var aliceScore = await EventuallyAsync(() => json.GetAsync(eval, $"/v1/talents/{alice}/score", "hr", "hr-1"), s => (string?)s["tier"] == "TIER_D" && (double?)s["totalPoints"] == 120, "Alice is scored D with her age and four credentials (see GrpcWorkflowTests)");
        Assert.Equal(120, (double)aliceScore["totalPoints"]!);
        Assert.Equal(JsonValueKind.String, aliceScore["evaluationSequence"]!.GetValueKind());
        var explanation = await json.GetAsync(eval, $"/v1/talents/{alice}/score:explain", "applicant", alice);
        Assert.Contains(explanation["steps"]!.AsArray(), step => (string?)step!["ruleId"] == "award" && (string?)step["outcome"] == "RULE_OUTCOME_COUNTED");
        await EventuallyAsync(() => json.GetAsync(eval, $"/v1/talents/{bob}/score", "hr", "hr-1"), s => (string?)s["tier"] == "TIER_C", "Bob is recognised C");
        var carolScore = await EventuallyAsync(() => json.GetAsync(eval, $"/v1/talents/{carol}/score", "hr", "hr-1"),
            s => s["breakdown"]!.AsArray().Any(r => r!["credentialIds"]?.AsArray().Any(c => (string?)c == carolDegree) == true), "Carol's degree is scored");
        Assert.Equal("TIER_NONE", (string?)carolScore["tier"]);

        // 5. Tiers in Registration, codes, a scanner's verification.
        await EventuallyAsync(() => json.GetAsync(reg, $"/v1/talents/{alice}", "hr", "hr-1"), t => (string?)t["tier"] == "TIER_D", "Registration records D");
        var issued = await json.PostAsync(reg, $"/v1/talents/{alice}/code", "applicant", alice, new { idempotencyKey = Guid.NewGuid().ToString() });
        Assert.Equal("TALENT_CODE_STATUS_ACTIVE", (string?)issued["status"]);
        var code = await json.GetAsync(reg, $"/v1/talents/{alice}/code", "applicant", alice);
        var scanned = await json.PostAsync(reg, "/v1/talent-codes:verify", "scanner", "scanner-1", new { qrPayload = (string)code["qrPayload"]! });
        Assert.True((bool)scanned["valid"]!);
        Assert.Equal(("VERIFICATION_RESULT_VALID", "TIER_D", alice), ((string?)scanned["result"], (string?)scanned["tier"], (string?)scanned["talentId"]));
        var refused = await Assert.ThrowsAsync<JsonCallException>(() => json.PostAsync(reg, $"/v1/talents/{carol}/code", "applicant", carol, new { idempotencyKey = Guid.NewGuid().ToString() }));
        Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.Message); // FAILED_PRECONDITION maps to 400

        // 6. Policy (money units are int64: strings).
        var draft = await json.PostAsync(red, "/v1/policies", "policy_officer", "officer-1", new
        {
            policy = new
            {
                title = "JSON settlement subsidy",
                eligibleTiers = new[] { "TIER_C", "TIER_D" },
                paymentForm = "PAYMENT_FORM_ONE_OFF",
                amount = new { currencyCode = "CNY", units = "50000" },
                publicNoticeWorkingDays = 0,
                approvalStages = new[] { "APPROVAL_STAGE_PRELIMINARY_REVIEW", "APPROVAL_STAGE_TALENT_OFFICE", "APPROVAL_STAGE_FINANCE_BUREAU" },
            },
            idempotencyKey = Guid.NewGuid().ToString(),
        });
        var policyId = (string)draft["policyId"]!;
        var policy = await json.PostAsync(red, $"/v1/policies/{policyId}:publish", "policy_officer", "officer-1", new { });
        Assert.Equal("POLICY_STATUS_PUBLISHED", (string?)policy["status"]);
        Assert.Equal("50000", (string?)policy["amount"]!["units"]);

        // 7. Notifications.
        bool Has(JsonObject inbox, string kind, string? policy = null) =>
            inbox["notifications"]?.AsArray().Any(n => (string?)n!["kind"] == kind && (policy is null || (string?)n["policyId"] == policy)) == true;
        await EventuallyAsync(() => json.GetAsync(red, "/v1/me/notifications", "applicant", alice), inbox => Has(inbox, "NOTIFICATION_KIND_BENEFIT_AVAILABLE", policyId), "Alice is told");
        await EventuallyAsync(() => json.GetAsync(red, "/v1/me/notifications", "applicant", bob), inbox => Has(inbox, "NOTIFICATION_KIND_BENEFIT_AVAILABLE", policyId), "Bob is told");
        await EventuallyAsync(() => json.GetAsync(red, "/v1/me/notifications", "applicant", bob), inbox => Has(inbox, "NOTIFICATION_KIND_CREDENTIAL_REJECTED"), "Bob hears of the rejection");
        Assert.False(Has(await json.GetAsync(red, "/v1/me/notifications", "applicant", carol), "NOTIFICATION_KIND_BENEFIT_AVAILABLE", policyId));

        // 8. Redeem, every stage, disburse.
        var redemption = await json.PostAsync(red, "/v1/redemptions", "applicant", alice, new { policyId, idempotencyKey = Guid.NewGuid().ToString() });
        var redemptionId = (string)redemption["redemptionId"]!;
        Assert.Equal(("REDEMPTION_STATUS_PENDING_REVIEW", "APPROVAL_STAGE_PRELIMINARY_REVIEW"), ((string?)redemption["status"], (string?)redemption["currentStage"]));
        foreach (var (stage, next) in new[] { ("APPROVAL_STAGE_PRELIMINARY_REVIEW", "APPROVAL_STAGE_TALENT_OFFICE"), ("APPROVAL_STAGE_TALENT_OFFICE", "APPROVAL_STAGE_FINANCE_BUREAU"), ("APPROVAL_STAGE_FINANCE_BUREAU", "") })
        {
            redemption = await json.PostAsync(red, $"/v1/redemptions/{redemptionId}:approve", "policy_officer", "officer-1", new { stage, idempotencyKey = Guid.NewGuid().ToString() });
            if (next.Length > 0)
                Assert.Equal(next, (string?)redemption["currentStage"]);
        }
        Assert.Equal("REDEMPTION_STATUS_DISBURSING", (string?)redemption["status"]);
        var paid = await json.PostAsync(red, $"/v1/redemptions/{redemptionId}/disbursements", "policy_officer", "officer-1", new
        {
            installment = 1,
            amount = new { currencyCode = "CNY", units = "50000" },
            success = new { paymentReference = "BANK-JSON-1" },
            idempotencyKey = Guid.NewGuid().ToString(),
        });
        Assert.Equal("REDEMPTION_STATUS_DISBURSED", (string?)paid["status"]);
        var seen = await json.GetAsync(red, $"/v1/redemptions/{redemptionId}", "applicant", alice);
        Assert.Equal("REDEMPTION_STATUS_DISBURSED", (string?)seen["status"]);
        Assert.Equal("BANK-JSON-1", (string?)seen["disbursements"]![0]!["success"]!["paymentReference"]);
    }

    private static async Task<JsonObject> EventuallyAsync(Func<Task<JsonObject>> read, Func<JsonObject, bool> condition, string because)
    {
        JsonObject? last = null;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                last = await read();
                return condition(last);
            }
            // Not there yet, or "retry later" (503: a Redis attempt timed out on the busy test host): ask again.
            catch (JsonCallException error) when (error.Status is HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable)
            {
                return false;
            }
        }, Deadline, because);
        return last!;
    }
}
