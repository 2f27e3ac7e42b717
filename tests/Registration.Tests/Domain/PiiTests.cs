using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TalentMesh.Registration.Pii;

namespace TalentMesh.Registration.Tests.Domain;

public sealed class PiiTests
{
    private readonly string key1 = TestKeyMaterial.AesKey();
    private readonly string key2 = TestKeyMaterial.AesKey();

    [Fact]
    public void Protect_RoundTrip_CiphertextHidesValue()
    {
        var protector = new PiiProtector(Options.Create(TestKeyMaterial.Pii("k1", ("k1", key1))));

        var sealedValue = protector.Protect("11010519491231002X", "talent/a/identity_number");

        Assert.StartsWith("k1.", sealedValue);
        Assert.DoesNotContain("1231002", sealedValue);
        Assert.NotEqual(sealedValue, protector.Protect("11010519491231002X", "talent/a/identity_number"));
        Assert.Equal("11010519491231002X", protector.Unprotect(sealedValue, "talent/a/identity_number"));
    }

    [Fact]
    public void Unprotect_AfterRotation_OldValueReadableNewWritesUseNewKey()
    {
        var before = new PiiProtector(Options.Create(TestKeyMaterial.Pii("k1", ("k1", key1))));
        var old = before.Protect("13800000000", "talent/a/phone");

        var after = new PiiProtector(Options.Create(TestKeyMaterial.Pii("k2", ("k1", key1), ("k2", key2))));

        Assert.Equal("13800000000", after.Unprotect(old, "talent/a/phone"));
        Assert.Equal("k2", PiiProtector.KeyIdOf(after.Protect("13800000000", "talent/a/phone")));
    }

    [Fact]
    public void Unprotect_OtherContextOrTamperedOrUnknownKey_Throws()
    {
        var protector = new PiiProtector(Options.Create(TestKeyMaterial.Pii("k1", ("k1", key1))));
        var sealedValue = protector.Protect("13800000000", "talent/a/phone");
        var tampered = sealedValue[..^2] + (sealedValue[^2] == 'A' ? "B" : "A") + sealedValue[^1];

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(sealedValue, "talent/b/phone"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(tampered, "talent/a/phone"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect("k9" + sealedValue[2..], "talent/a/phone"));
    }

    [Fact]
    public void BlindIndex_DeterministicPerPurpose()
    {
        var index = new BlindIndex(Options.Create(TestKeyMaterial.Pii("k1", ("k1", key1))));

        Assert.Equal(index.Compute("identity", "X"), index.Compute("identity", "X"));
        Assert.NotEqual(index.Compute("identity", "X"), index.Compute("phone", "X"));
        Assert.NotEqual(index.Compute("identity", "X"), index.Compute("identity", "Y"));
    }

    [Fact]
    public void Options_ActiveKeyMissingOrShortKey_Invalid()
    {
        var missing = TestKeyMaterial.Pii("k2", ("k1", key1));
        var shortKey = TestKeyMaterial.Pii("k1", ("k1", Convert.ToBase64String(new byte[16])));

        Assert.NotEmpty(missing.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(missing)));
        Assert.NotEmpty(shortKey.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(shortKey)));
    }
}
