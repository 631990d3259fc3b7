package dev.longrecipe.model.rope;

/**
 * Llama 3.1's frequency-band scaling, transformers' {@code _compute_llama3_parameters}: with
 * wavelength = 2π / inv_freq, wavelengths shorter than original_max / high_freq_factor are kept, longer than
 * original_max / low_freq_factor are divided by {@code factor}, and the band between is interpolated smoothly with
 * {@code s = (original_max / wavelength - low) / (high - low)}: {@code (1 - s) * f / factor + s * f}.
 * Unchanged past max_position_embeddings.
 */
public final class Llama3Rope extends FixedRope {

    public Llama3Rope(double theta, int dim, double factor, double lowFreqFactor, double highFreqFactor,
                      int originalMaxPositionEmbeddings) {
        super("llama3", new RopeFrequencies(inverseFrequencies(theta, dim, factor, lowFreqFactor, highFreqFactor,
                originalMaxPositionEmbeddings), 1.0));
    }

    private static float[] inverseFrequencies(double theta, int dim, double factor, double lowFreqFactor,
                                              double highFreqFactor, int originalMaxPositionEmbeddings) {
        if (!(factor > 0) || !(highFreqFactor > lowFreqFactor) || !(lowFreqFactor > 0)) {
            throw new IllegalArgumentException("llama3 RoPE needs factor > 0 and high_freq_factor > low_freq_factor"
                    + " > 0 but got factor=" + factor + ", low_freq_factor=" + lowFreqFactor + ", high_freq_factor="
                    + highFreqFactor);
        }
        double lowFreqWavelen = originalMaxPositionEmbeddings / lowFreqFactor;
        double highFreqWavelen = originalMaxPositionEmbeddings / highFreqFactor;
        float[] inv = DefaultRope.inverseFrequencies(theta, dim);
        for (int i = 0; i < inv.length; i++) {
            float f = inv[i];
            float wavelen = (float) (2 * Math.PI / f);
            float scaled = wavelen > lowFreqWavelen ? (float) (f / factor) : f;
            boolean medium = !(wavelen < highFreqWavelen) && !(wavelen > lowFreqWavelen);
            if (medium) {
                float smooth = (float) ((originalMaxPositionEmbeddings / wavelen - lowFreqFactor)
                        / (highFreqFactor - lowFreqFactor));
                scaled = (float) ((1 - smooth) * scaled / factor + smooth * scaled);
            }
            inv[i] = scaled;
        }
        return inv;
    }
}
