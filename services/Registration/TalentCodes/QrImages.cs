using QRCoder;

namespace TalentMesh.Registration.TalentCodes;

/// <summary>The QR code of a payload as SVG and PNG. Alphanumeric payloads (Base45) get QR's compact alphanumeric mode.</summary>
public static class QrImages
{
    public static (string Svg, byte[] Png) Render(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        var png = new PngByteQRCode(data).GetGraphic(4);
        return (svg, png);
    }
}
