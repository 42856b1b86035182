package dev.flywheel.fission.poster;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.flywheel.fission.Activity;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.springframework.stereotype.Component;

/**
 * Personal posters: the activity's poster (or a generated default, 750×1334) with a QR code of
 * the customer's invite link drawn into the reserved area; java.awt in headless mode, ZXing for
 * the code. PNG out.
 */
@Component
public class Posters {
  public static final int DEFAULT_WIDTH = 750;
  public static final int DEFAULT_HEIGHT = 1334;

  public byte[] render(Activity activity, byte[] poster, String link) {
    BufferedImage base = poster == null ? defaultPoster(activity) : read(poster);
    BufferedImage canvas = new BufferedImage(base.getWidth(), base.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    try {
      g.drawImage(base, 0, 0, null);
      Activity.QrArea area = activity.qrArea();
      int size = Math.min(area.size(), Math.min(canvas.getWidth() - area.x(), canvas.getHeight() - area.y()));
      if (size > 0) {
        g.drawImage(qr(link, size), area.x(), area.y(), null);
      }
    } finally {
      g.dispose();
    }
    return png(canvas);
  }

  /** A square QR code image of {@code text}, with the standard 4-module quiet zone (posters may be dark around the area). */
  public static BufferedImage qr(String text, int size) {
    try {
      BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
          Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
              EncodeHintType.CHARACTER_SET, "UTF-8"));
      return MatrixToImageWriter.toBufferedImage(matrix);
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode the invite link as a QR code", e);
    }
  }

  private static BufferedImage defaultPoster(Activity activity) {
    BufferedImage img = new BufferedImage(DEFAULT_WIDTH, DEFAULT_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setPaint(new GradientPaint(0, 0, new Color(0xE8, 0x3E, 0x3E), 0, DEFAULT_HEIGHT, new Color(0xF7, 0xA8, 0x3B)));
      g.fillRect(0, 0, DEFAULT_WIDTH, DEFAULT_HEIGHT);
      g.setColor(Color.WHITE);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 56));
      g.drawString(clip(activity.name(), 20), 60, 200);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 32));
      g.drawString(activity.helpersNeeded() + " friends help = reward", 60, 280);
      Activity.QrArea a = activity.qrArea();
      g.fillRoundRect(a.x() - 12, a.y() - 12, a.size() + 24, a.size() + 24, 24, 24);
    } finally {
      g.dispose();
    }
    return img;
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static BufferedImage read(byte[] bytes) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
      if (img == null) {
        throw new IllegalArgumentException("the stored poster is not a readable image");
      }
      return img;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the bytes are an image java.awt can read (checked on upload). */
  public static boolean readable(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes)) != null;
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] png(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
