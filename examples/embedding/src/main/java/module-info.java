/** An application that classifies photos with vinfer. */
module dev.vinfer.example.embedding {
    requires dev.vinfer.image; // and, through it, dev.vinfer.core
}
