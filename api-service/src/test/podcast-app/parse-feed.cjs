// Reads an RSS feed on stdin with podcast-partytime (Podcast Index's parser, found through NODE_PATH) and prints
// what a podcast app takes from each item: title, enclosure, chapters and transcripts. Used by FeedPodcastAppTests.
"use strict";
const { parseFeed } = require("podcast-partytime");

let xml = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { xml += chunk; });
process.stdin.on("end", () => {
  const feed = parseFeed(xml);
  if (!feed) {
    console.error("podcast-partytime could not parse the feed");
    process.exit(1);
  }
  console.log(JSON.stringify({
    title: feed.title,
    items: feed.items.map((item) => ({
      title: item.title,
      enclosure: item.enclosure,
      chapters: item.podcastChapters ? item.podcastChapters.url : null,
      transcripts: item.podcastTranscripts || [],
    })),
  }));
});
