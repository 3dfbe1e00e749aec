package dev.sticker.core.photo;

import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.formats.ImageType;

import java.util.Optional;

/**
 * The two PNGs a backend made elsewhere, brought in: each given inline or by URL (downloaded through the
 * request-forgery guard, with the fetcher's size and time limits), checked to be PNGs of one size.
 */
public final class ResultImages {

    /** One image as a backend reported it: its bytes, or a URL to download them from. */
    public record ImageSource(String name, byte[] data, String url) {

        public static ImageSource inline(String name, byte[] data) {
            return new ImageSource(name, data, null);
        }

        public static ImageSource at(String name, String url) {
            return new ImageSource(name, null, url);
        }
    }

    /** Both images, or what is wrong with them (exactly one is set). */
    public record Loaded(GeneratedSticker sticker, String problem) {
    }

    private final ImageFetcher fetcher;

    public ResultImages(ImageFetcher fetcher) {
        this.fetcher = fetcher;
    }

    public Loaded load(ImageSource sticker, ImageSource backgroundRemoved, long seed, boolean stickerNsfw,
                       boolean backgroundRemovedNsfw) {
        Png main = png(sticker);
        Png removed = png(backgroundRemoved);
        String problem = main.problem() != null ? main.problem() : removed.problem();
        if (problem == null && !main.size().equals(removed.size())) {
            problem = "the two images differ in size";
        }
        if (problem != null) {
            return new Loaded(null, problem);
        }
        return new Loaded(new GeneratedSticker(main.bytes(), removed.bytes(), main.size().width(),
                main.size().height(), seed, stickerNsfw, backgroundRemovedNsfw), null);
    }

    /** One image or what is wrong with it (exactly one of bytes and problem is set). */
    private record Png(byte[] bytes, PngSize size, String problem) {
    }

    private Png png(ImageSource source) {
        byte[] bytes = source.data();
        if (bytes == null) {
            FetchResult fetched = fetcher.fetch(source.url());
            if (fetched instanceof FetchResult.Refused refused) {
                return new Png(null, null, source.name() + ".url: " + refused.failure().message());
            }
            bytes = ((FetchResult.Fetched) fetched).bytes();
        }
        byte[] png = bytes;
        Optional<PngSize> size = PngSize.of(png);
        return size.map(s -> new Png(png, s, null)).orElseGet(() -> new Png(null, null, source.name()
                + " is not a PNG (got " + ImageType.sniff(png).map(ImageType::mimeType)
                .orElse(ImageType.describeNonImage(png)) + ")"));
    }
}
