using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Events.V1;
using TalentMesh.EventBus.Outbox;
using TalentMesh.Registration.Audit;
using TalentMesh.Registration.Security;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>Turns a <see cref="CodeDecision"/> into writes, events and audit entries on a unit of work.</summary>
public sealed class CodeLedger(TalentCodeStore codes, AuditStore audit, SigningKeyRing keys)
{
    /// <summary>Applies the decision; returns the issued serial, if any. The commit fails if the active serial changed meanwhile.</summary>
    public CodeSerial? Apply(EventUnitOfWork unit, string talentId, CodeSerial? active, CodeDecision decision, Caller actor, DateTimeOffset now)
    {
        if (decision == CodeDecision.Nothing)
            return null;
        codes.RequireActive(unit, talentId, active?.Serial);
        if (active is not null && decision.Revoke is { } reason)
            Revoke(unit, active, reason, wasActive: true, actor, now);
        if (decision.Issue is not { } issue)
            return null;
        var issued = new CodeSerial(CodeSerial.NewSerial(), talentId, issue.Tier, now, issue.ValidUntil);
        codes.SaveIssued(unit, issued);
        unit.Publish(new TalentCodeIssued
        {
            TalentId = talentId,
            CodeSerial = issued.Serial,
            Tier = issued.Tier,
            KeyId = keys.Active.KeyId,
            ValidUntil = Timestamp.FromDateTimeOffset(issued.ValidUntil),
            ReplacesCodeSerial = decision.Revoke is not null ? active?.Serial ?? "" : "",
            OccurredAt = Timestamp.FromDateTimeOffset(now),
        });
        audit.Append(unit, AuditRecord.Of(actor, "talent-code.issued", talentId, now,
            after: new Dictionary<string, string> { ["code_serial"] = issued.Serial, ["tier"] = issued.Tier.ToString() }));
        return issued;
    }

    public void Revoke(EventUnitOfWork unit, CodeSerial serial, TalentCodeRevocationReason reason, bool wasActive, Caller actor, DateTimeOffset now)
    {
        codes.SaveRevoked(unit, serial with { RevokedAt = now, RevocationReason = reason }, wasActive);
        unit.Publish(new TalentCodeRevoked
        {
            TalentId = serial.TalentId,
            CodeSerial = serial.Serial,
            Reason = reason,
            OccurredAt = Timestamp.FromDateTimeOffset(now),
        });
        audit.Append(unit, AuditRecord.Of(actor, "talent-code.revoked", serial.TalentId, now,
            before: new Dictionary<string, string> { ["code_serial"] = serial.Serial },
            after: new Dictionary<string, string> { ["reason"] = reason.ToString() }));
    }
}
