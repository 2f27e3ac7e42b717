using System.Formats.Cbor;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using TalentMesh.Contracts.Registration.V1;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>The signed revocation list: COSE_Sign1 over CBOR {1: issued at (epoch seconds), 2: [serials]}, like a token.</summary>
public sealed class RevocationListSigner(TalentCodeStore codes, CodeTokenCodec codec, SigningKeyRing keys, TimeProvider time)
{
    public async Task<RevocationList> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var serials = await codes.RevokedSerialsAsync(now, cancellationToken);
        var writer = new CborWriter(CborConformanceMode.Canonical);
        writer.WriteStartMap(2);
        writer.WriteInt32(1);
        writer.WriteInt64(now.ToUnixTimeSeconds());
        writer.WriteInt32(2);
        writer.WriteStartArray(serials.Count);
        foreach (var serial in serials)
            writer.WriteTextString(serial);
        writer.WriteEndArray();
        writer.WriteEndMap();
        var list = new RevocationList
        {
            IssuedAt = Timestamp.FromDateTimeOffset(now),
            KeyId = keys.Active.KeyId,
            SignedList = ByteString.CopyFrom(codec.SignPayload(writer.Encode())),
        };
        list.RevokedSerials.Add(serials);
        return list;
    }
}
