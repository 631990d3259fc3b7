package dev.longrecipe.draw.anchor;

/** The released code's rule (no models needed): a sentence is an anchor if its text contains a digit. */
public final class DigitsAnchorRule implements TextAnchorRule {

    public static final String NAME = "digits";

    @Override
    public boolean isAnchor(String sentence) {
        for (int i = 0; i < sentence.length(); i++) {
            if (Character.isDigit(sentence.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
