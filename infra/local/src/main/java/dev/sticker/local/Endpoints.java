package dev.sticker.local;

import java.net.URI;

/** Where the local AWS-protocol servers listen. */
public record Endpoints(URI dynamoDb, URI s3, URI sqs) {
}
