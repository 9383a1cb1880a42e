"""The B2B Relationship Blog's plugin: languages, kinds, topics and the case library."""

from pelican import signals

from . import handlers


def register() -> None:
    signals.initialized.connect(handlers.start_build)
    signals.readers_init.connect(handlers.add_reader)
    signals.content_object_init.connect(handlers.content_created)
    signals.generator_init.connect(handlers.install_template_helpers)
    signals.article_generator_finalized.connect(handlers.articles_read)
    signals.page_generator_finalized.connect(handlers.pages_read)
    signals.all_generators_finalized.connect(handlers.stop_on_problems)
    signals.get_generators.connect(handlers.extra_generators)
    signals.get_writer.connect(handlers.writer_for)
    signals.finalized.connect(handlers.build_finished)
