using TalentMesh.Contracts.Common.V1;
using TalentMesh.Contracts.Registration.V1;
using TalentMesh.Registration.TalentCodes;

namespace TalentMesh.Registration.Tests.Domain;

public sealed class CodeTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly string oldKey = TestKeyMaterial.SigningKey();
    private readonly string newKey = TestKeyMaterial.SigningKey();

    private static CodeClaims Claims => new("serial-1", "talent-1", Tier.D, Now, Now.AddMinutes(5));

    [Fact]
    public void Verify_FreshToken_ValidWithClaims()
    {
        var codec = new CodeTokenCodec(TestKeyMaterial.Ring("k1", ("k1", oldKey)));
        var payload = CodeTokenCodec.ToQrPayload(codec.Sign(Claims));

        var (result, token) = codec.Verify(payload);

        Assert.Equal(VerificationResult.Valid, result);
        Assert.Equal(Claims, token!.Claims);
        Assert.Equal("k1", token.KeyId);
        Assert.StartsWith("TM1:", payload);
        // QR alphanumeric mode: digits, upper-case letters and " $%*+-./:".
        Assert.DoesNotContain(payload, c => !(char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || " $%*+-./:".Contains(c)));
    }

    [Fact]
    public void Verify_RawBase64UrlToken_Valid()
    {
        var codec = new CodeTokenCodec(TestKeyMaterial.Ring("k1", ("k1", oldKey)));
        Assert.Equal(VerificationResult.Valid, codec.Verify(System.Buffers.Text.Base64Url.EncodeToString(codec.Sign(Claims))).Result);
    }

    [Fact]
    public void Verify_AnySignedByteFlipped_NeverValid()
    {
        var codec = new CodeTokenCodec(TestKeyMaterial.Ring("k1", ("k1", oldKey)));
        var token = codec.Sign(Claims);
        for (var i = 0; i < token.Length; i++)
        {
            var tampered = (byte[])token.Clone();
            tampered[i] ^= 0x01;
            var (result, _) = codec.Verify(CodeTokenCodec.ToQrPayload(tampered));
            Assert.NotEqual(VerificationResult.Valid, result);
        }
        // Flipping a payload byte keeps the structure: the signature is what catches it.
        var payloadTampered = (byte[])token.Clone();
        var index = FindSubsequence(token, "serial-1"u8.ToArray());
        payloadTampered[index] = (byte)'t';
        Assert.Equal(VerificationResult.BadSignature, codec.Verify(CodeTokenCodec.ToQrPayload(payloadTampered)).Result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("TM1:")]
    [InlineData("TM1:not base45 ~~")]
    [InlineData("hello")]
    [InlineData("TM1:BB8")]
    public void Verify_Garbage_Malformed(string scanned)
    {
        var codec = new CodeTokenCodec(TestKeyMaterial.Ring("k1", ("k1", oldKey)));
        Assert.Equal(VerificationResult.Malformed, codec.Verify(scanned).Result);
    }

    [Fact]
    public void Verify_KeyNotInRing_UnknownKey()
    {
        var signer = new CodeTokenCodec(TestKeyMaterial.Ring("k1", ("k1", oldKey)));
        var verifier = new CodeTokenCodec(TestKeyMaterial.Ring("k2", ("k2", newKey)));

        Assert.Equal(VerificationResult.UnknownKey, verifier.Verify(CodeTokenCodec.ToQrPayload(signer.Sign(Claims))).Result);
    }

    [Fact]
    public void Verify_AfterRotation_OldTokensStillVerifyNewOnesUseNewKid()
    {
        var before = new CodeTokenCodec(TestKeyMaterial.Ring("k1", ("k1", oldKey)));
        var oldToken = CodeTokenCodec.ToQrPayload(before.Sign(Claims));

        var after = new CodeTokenCodec(TestKeyMaterial.Ring("k2", ("k1", oldKey), ("k2", newKey)));

        Assert.Equal(VerificationResult.Valid, after.Verify(oldToken).Result);
        Assert.Equal("k2", after.Verify(CodeTokenCodec.ToQrPayload(after.Sign(Claims))).Token!.KeyId);
    }

    [Fact]
    public void Verify_SameKidDifferentKey_BadSignature()
    {
        var signer = new CodeTokenCodec(TestKeyMaterial.Ring("k1", ("k1", oldKey)));
        var impostor = new CodeTokenCodec(TestKeyMaterial.Ring("k1", ("k1", newKey)));

        Assert.Equal(VerificationResult.BadSignature, impostor.Verify(CodeTokenCodec.ToQrPayload(signer.Sign(Claims))).Result);
    }

    [Theory]
    [InlineData("AB", "BB8")]
    [InlineData("Hello!!", "%69 VD92EX0")]
    [InlineData("base-45", "UJCLQE7W581")]
    [InlineData("ietf!", "QED8WEX0")]
    public void Base45_Rfc9285Vectors(string text, string encoded)
    {
        Assert.Equal(encoded, SimpleBase.Base45.Default.Encode(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal(text, System.Text.Encoding.UTF8.GetString(SimpleBase.Base45.Default.Decode(encoded)));
    }

    private static int FindSubsequence(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
