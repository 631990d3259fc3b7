package dev.longrecipe.segmenter.text;

/** A tokenizer.json that cannot be used; the message names the file, the cause and the fix. Fatal for the attempt. */
public final class TokenizerLoadException extends RuntimeException {
    public TokenizerLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
