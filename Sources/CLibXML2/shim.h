#ifndef TICKETTRIAGE_CLIBXML2_SHIM_H
#define TICKETTRIAGE_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Foundation and an ICU-enabled libxml2 both declare ICU symbols; importing both in one file fails without this.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#endif
