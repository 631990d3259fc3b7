package dev.longrecipe.model.config;

/** The model folder holds a model this module cannot run; the message names it and the supported ones. */
public class UnsupportedArchitectureException extends IllegalArgumentException {
    public UnsupportedArchitectureException(String message) {
        super(message);
    }
}
