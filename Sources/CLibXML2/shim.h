#ifndef TICKETTRIAGE_CLIBXML2_SHIM_H
#define TICKETTRIAGE_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Foundation and an ICU-enabled libxml2 both declare ICU symbols; importing both in one file fails without this.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/globals.h>
#include <libxml/hash.h>

// Swift cannot define C-variadic functions, so the silent generic error handler lives here.
static void tt_xml_silent_generic_error(void *ctx, const char *msg, ...) {
    (void)ctx;
    (void)msg;
}

// An external entity loader that loads nothing: no file, no URL, whatever the document asks for.
static xmlParserInputPtr tt_xml_refusing_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

/// Stops libxml2 from printing to stderr on the calling thread and on threads created later, and makes
/// the external entity loader refuse everything. Call before each parse: libxml2 2.9 keeps handlers per thread.
static inline void tt_xml_harden_thread(void) {
    xmlSetGenericErrorFunc(NULL, tt_xml_silent_generic_error);
    xmlThrDefSetGenericErrorFunc(NULL, tt_xml_silent_generic_error);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (xmlGetExternalEntityLoader() != tt_xml_refusing_entity_loader) {
        xmlSetExternalEntityLoader(tt_xml_refusing_entity_loader);
    }
}

/// Whether the document's internal or external subset declares any general or parameter entity.
static inline int tt_xml_doc_declares_entities(xmlDocPtr doc) {
    if (doc == NULL) return 0;
    xmlDtdPtr subsets[2] = { doc->intSubset, doc->extSubset };
    for (int i = 0; i < 2; i++) {
        xmlDtdPtr dtd = subsets[i];
        if (dtd == NULL) continue;
        if (dtd->entities != NULL && xmlHashSize((xmlHashTablePtr)dtd->entities) > 0) return 1;
        if (dtd->pentities != NULL && xmlHashSize((xmlHashTablePtr)dtd->pentities) > 0) return 1;
    }
    return 0;
}

/// Whether the parser behind a parser error has a document whose DTD declares entities.
static inline int tt_xml_error_document_declares_entities(xmlErrorPtr error) {
    if (error == NULL || error->domain != XML_FROM_PARSER || error->ctxt == NULL) return 0;
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)error->ctxt;
    return tt_xml_doc_declares_entities(ctxt->myDoc);
}

/// Whether the document's DOCTYPE names an external DTD (never loaded: DTDLOAD is never set).
static inline int tt_xml_doc_has_external_dtd(xmlDocPtr doc) {
    if (doc == NULL || doc->intSubset == NULL) return 0;
    return doc->intSubset->ExternalID != NULL || doc->intSubset->SystemID != NULL;
}

#endif
