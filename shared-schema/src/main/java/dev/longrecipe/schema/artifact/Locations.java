package dev.longrecipe.schema.artifact;

/** The one place folder locations are spelled: a folder (a key prefix, an {@code s3://} folder) ends with '/'. */
public final class Locations {
    private Locations() {
    }

    /** {@code location} as a folder: with one trailing '/' added when missing (an empty prefix stays empty). */
    public static String asFolder(String location) {
        return location.isEmpty() || location.endsWith("/") ? location : location + "/";
    }

    /** {@code location} without a trailing '/': how a folder is named in a sentence. */
    public static String withoutSlash(String location) {
        return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }

    /** The file {@code name} inside the folder at {@code folder}. */
    public static String child(String folder, String name) {
        return asFolder(folder) + name;
    }

    /** The folder holding the file at {@code location}, with its trailing '/' (empty for a bare name). */
    public static String parent(String location) {
        return location.substring(0, location.lastIndexOf('/') + 1);
    }

    /** The last segment of a file's location: the name its local copy gets. */
    public static String fileName(String location) {
        String file = withoutSlash(location);
        return file.substring(file.lastIndexOf('/') + 1);
    }
}
