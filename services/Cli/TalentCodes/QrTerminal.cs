using QRCoder;

namespace TalentMesh.Cli.TalentCodes;

/// <summary>A QR code drawn with half-block characters, two modules per character row, readable by a phone from the terminal.</summary>
public static class QrTerminal
{
    public static string Draw(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new AsciiQRCode(data).GetGraphicSmall(drawQuietZones: true, invert: false, endOfLine: "\n");
    }
}
